import type { Policy, Recipe } from "./policy-schema.js";
import { closestMatch } from "./suggest.js";

export type RecipeLookup =
  | { ok: true; name: string; recipe: Recipe }
  | { ok: false; kind: "unknown-recipe"; name: string; suggestion?: string; known: string[]; message: string };

/** A recipe by name, or a typed miss naming the closest recipe and every one there is. */
export function findRecipe(policy: Policy, name: string): RecipeLookup {
  const recipe = policy.recipes[name];
  if (recipe) return { ok: true, name, recipe };
  const known = Object.keys(policy.recipes);
  const suggestion = closestMatch(name, known);
  const message =
    known.length === 0
      ? `There is no recipe "${name}": the policy defines none.`
      : `There is no recipe "${name}"${suggestion ? `; did you mean ${suggestion}?` : "."} Recipes: ${known.join(", ")}.`;
  return { ok: false, kind: "unknown-recipe", name, suggestion, known, message };
}
