import { fail, ok, type Result } from "../kernel/result.js";
import type { Policy, Recipe } from "./policy-schema.js";
import { closestMatch } from "./suggest.js";

/**
 * A recipe by name, or a problem naming the closest recipe and every one there is; `example`
 * (a command ending in a recipe name) becomes the fix with the closest name in its place.
 */
export function findRecipe(policy: Policy, name: string, example?: string): Result<{ name: string; recipe: Recipe }> {
  const recipe = policy.recipes[name];
  if (recipe) return ok({ name, recipe });
  const known = Object.keys(policy.recipes);
  const suggestion = closestMatch(name, known);
  const what =
    known.length === 0
      ? `There is no recipe "${name}": the policy defines none.`
      : `There is no recipe "${name}"${suggestion ? `; did you mean ${suggestion}?` : "."} Recipes: ${known.join(", ")}.`;
  return fail({ what, fix: suggestion && example ? `Try \`${example.replace(/\S+$/, "").trim()} ${suggestion}\`.` : undefined });
}
