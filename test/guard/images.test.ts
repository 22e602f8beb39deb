import { describe, expect, it } from "vitest";
import { resolveBuiltinImage } from "../../src/catalog/algorithms.js";

describe("built-in algorithm images", () => {
  it("XGBoost 1.7-1 resolves to the region's published registry", () => {
    expect(resolveBuiltinImage("xgboost", "1.7-1", "us-east-1")).toEqual({ ok: true, uri: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1" });
    expect(resolveBuiltinImage("xgboost", "1.5-1", "eu-west-1")).toEqual({ ok: true, uri: "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.5-1" });
    expect(resolveBuiltinImage("xgboost", "1.7-1", "us-west-2")).toEqual({ ok: true, uri: "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1" });
  });

  it("first-party algorithms use their own registries", () => {
    expect(resolveBuiltinImage("linear-learner", "1", "us-east-1")).toEqual({ ok: true, uri: "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1" });
    expect(resolveBuiltinImage("kmeans", "1", "eu-central-1")).toEqual({ ok: true, uri: "664544806723.dkr.ecr.eu-central-1.amazonaws.com/kmeans:1" });
  });

  it("China regions use the .com.cn domain", () => {
    expect(resolveBuiltinImage("xgboost", "1.7-1", "cn-north-1")).toEqual({ ok: true, uri: "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1" });
  });

  it("an unknown version names the supported ones", () => {
    const result = resolveBuiltinImage("xgboost", "3.0-5", "us-east-1");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("unsupported-version");
    expect(result.error.supported).toContain("1.7-1");
    expect(result.error.message).toContain("supported versions: 1.0-1, 1.2-1, 1.2-2, 1.3-1, 1.5-1, 1.7-1");
  });

  it("a region without the image names the regions that have it", () => {
    const result = resolveBuiltinImage("blazingtext", "1", "ap-south-2");
    expect(!result.ok && result.error.kind).toBe("unsupported-region");
    expect(!result.ok && result.error.supported).toContain("us-east-1");
  });

  it("an unknown algorithm names the known ones", () => {
    const result = resolveBuiltinImage("random-forest", "1", "us-east-1");
    expect(!result.ok && result.error.kind).toBe("unknown-algorithm");
    expect(!result.ok && result.error.message).toContain("xgboost");
  });
});
