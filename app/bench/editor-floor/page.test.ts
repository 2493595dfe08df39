import { afterEach, describe, expect, it } from "vitest";
import EditorFloorPage from "./page";

describe("the benchmark's editor floor page", () => {
  afterEach(() => {
    delete process.env.BENCH_STREAM_CONTROL;
  });

  it("is not there outside the benchmark: not found", () => {
    expect(() => EditorFloorPage()).toThrow(expect.objectContaining({ digest: expect.stringMatching(/;404$/) }));
  });

  it("on the benchmark's servers, renders the bare editor", () => {
    process.env.BENCH_STREAM_CONTROL = "1";
    expect(EditorFloorPage()).toMatchObject({ props: { text: expect.stringContaining("ProseMirror") } });
  });
});
