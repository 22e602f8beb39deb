import { describe, expect, it } from "vitest";
import { conversationOf } from "../../src/aws/bedrock.js";
import { openDatabase } from "../../src/store/db.js";
import { SqlThreadTurns } from "../../src/store/turns.js";

describe("a thread's turns as the language model's context", () => {
  it("go to Converse as alternating turns starting with the person, the new message last", () => {
    const messages = conversationOf(
      [
        { role: "assistant", text: "Hi! Ask me anything." },
        { role: "user", text: "train churn-xgb" },
        { role: "assistant", text: "I posted the plan." },
        { role: "assistant", text: "It started." },
      ],
      "how long will it take?",
    );
    expect(messages.map((message) => [message.role, message.content?.[0]?.text])).toEqual([
      ["user", "train churn-xgb"],
      ["assistant", "I posted the plan.\n\nIt started."],
      ["user", "how long will it take?"],
    ]);
    expect(conversationOf([], "hello").map((message) => message.role)).toEqual(["user"]);
    expect(conversationOf([{ role: "user", text: "first" }], "second")).toEqual([{ role: "user", content: [{ text: "first\n\nsecond" }] }]);
  });

  it("are kept per thread in the store, newest last, the oldest let go", () => {
    const turns = new SqlThreadTurns(openDatabase(":memory:"));
    for (let index = 0; index < 25; index += 1) turns.add("C0MLOPS", "1.000001", { role: index % 2 === 0 ? "user" : "assistant", text: `turn ${index}` });
    turns.add("C0MLOPS", "2.000001", { role: "user", text: "another thread" });
    expect(turns.recent("C0MLOPS", "1.000001", 3).map((turn) => turn.text)).toEqual(["turn 22", "turn 23", "turn 24"]);
    expect(turns.recent("C0MLOPS", "1.000001", 100)).toHaveLength(20);
    expect(turns.recent("C0MLOPS", "2.000001")).toEqual([{ role: "user", text: "another thread" }]);
  });
});
