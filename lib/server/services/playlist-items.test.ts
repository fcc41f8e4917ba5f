import { describe, expect, it } from "vitest";
import { permutationProblem } from "./playlist-items";

describe("permutationProblem", () => {
  it("accepts any reordering of the same songs, the empty list included", () => {
    expect(permutationProblem(["a", "b", "c"], ["c", "a", "b"])).toBeNull();
    expect(permutationProblem([], [])).toBeNull();
  });

  it("names what is missing, unknown or repeated", () => {
    expect(permutationProblem(["a", "b", "c"], ["a", "b"])).toEqual({ missing: ["c"] });
    expect(permutationProblem(["a", "b"], ["a", "b", "x"])).toEqual({ unknown: ["x"] });
    expect(permutationProblem(["a", "b"], ["a", "a", "b", "b", "b"])).toEqual({ duplicates: ["a", "b"] });
    expect(permutationProblem(["a", "b", "c"], ["a", "a", "z"])).toEqual({ missing: ["b", "c"], unknown: ["z"], duplicates: ["a"] });
  });
});
