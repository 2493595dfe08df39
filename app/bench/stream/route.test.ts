import { afterEach, describe, expect, it } from "vitest";
import { GET } from "./route";

const get = (query = "") => GET(new Request(`http://localhost/bench/stream${query}`));

describe("the benchmark's bare stream", () => {
  afterEach(() => {
    delete process.env.BENCH_STREAM_CONTROL;
  });

  it("is not there outside the benchmark: 404, stream or memory reading alike", async () => {
    for (const query of ["", "?memory=1"]) {
      const answer = await get(query);
      expect(answer.status).toBe(404);
      expect((await answer.json()).error.code).toBe("not_found");
    }
  });

  it("on the benchmark's servers, holds a text/event-stream open, and reads the process's memory", async () => {
    process.env.BENCH_STREAM_CONTROL = "1";
    const stream = await get();
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("retry: 2000\n\n");
    await reader.cancel();
    const memory = await get("?memory=1");
    expect(await memory.json()).toMatchObject({ rss: expect.any(Number), heapUsed: expect.any(Number) });
  });
});
