import { describe, expect, it } from "vitest";
import { sampleClaims } from "@/test/export-claims";
import type { ExportClaim } from "./links";
import { exportStream, type ExportWriter } from "./stream";

const idWriter: ExportWriter = {
  head: "[",
  claim: (claim) => claim.id.slice(0, 4),
  separator: ",",
  tail: (total) => `]${total}`,
};

/** A source of `count` claims in batches of `batchSize` that counts how many were read and whether it was closed. */
function countingSource(count: number, batchSize: number) {
  const state = { read: 0, closed: false };
  async function* source(): AsyncGenerator<ExportClaim[]> {
    try {
      while (state.read < count) {
        const batch: ExportClaim[] = [];
        for (; batch.length < batchSize && state.read < count; state.read++) batch.push(sampleClaims[state.read % sampleClaims.length]);
        yield batch;
      }
    } finally {
      state.closed = true;
    }
  }
  return { source: source(), state };
}

const decode = (chunk: Uint8Array) => new TextDecoder().decode(chunk);

describe("exportStream", () => {
  it("writes head, the claims with the separator between them across batches, then the tail with the total", async () => {
    const { source } = countingSource(5, 2);
    const text = await new Response(exportStream(source, idWriter)).text();
    expect(text).toBe("[0b6c,1c7d,2d8e,0b6c,1c7d]5");
  });

  it("leaves out what the format does not include, separators and total counting only what was written", async () => {
    // sampleClaims 0b6c, 1c7d, 2d8e: a batch wholly left out, then one with a claim, then a mixed one.
    async function* batches(): AsyncGenerator<ExportClaim[]> {
      yield [sampleClaims[1], sampleClaims[1]];
      yield [sampleClaims[0]];
      yield [sampleClaims[1], sampleClaims[2], sampleClaims[1]];
    }
    const skipping: ExportWriter = { ...idWriter, includes: (claim) => claim.id !== sampleClaims[1].id };
    expect(await new Response(exportStream(batches(), skipping)).text()).toBe("[0b6c,2d8e]2");
  });

  it("reads past empty batches without writing or stalling", async () => {
    async function* sparse(): AsyncGenerator<ExportClaim[]> {
      yield [];
      yield [sampleClaims[0]];
      yield [];
      yield [sampleClaims[1]];
      yield [];
    }
    expect(await new Response(exportStream(sparse(), idWriter)).text()).toBe("[0b6c,1c7d]2");
  });

  it("sends the head before reading any claim, and reads a batch only when asked", async () => {
    const { source, state } = countingSource(10, 3);
    const reader = exportStream(source, idWriter).getReader();
    expect(decode((await reader.read()).value!)).toBe("[");
    expect(state.read).toBeLessThanOrEqual(3);
    await reader.read();
    expect(state.read).toBeLessThanOrEqual(6);
    expect(state.read).toBeLessThan(10);
    await reader.cancel();
  });

  it("stops reading claims when the client goes away", async () => {
    const { source, state } = countingSource(1_000, 10);
    const reader = exportStream(source, idWriter).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(state.closed).toBe(true);
    expect(state.read).toBeLessThan(100);
  });

  it("cuts the body short and reports when reading claims fails mid-way", async () => {
    async function* failing(): AsyncGenerator<ExportClaim[]> {
      yield [sampleClaims[0]];
      throw new Error("connection lost");
    }
    const errors: unknown[] = [];
    const response = new Response(exportStream(failing(), idWriter, { onError: (e) => errors.push(e) }));
    await expect(response.text()).rejects.toThrow("connection lost");
    expect(errors).toHaveLength(1);
  });

  it("stays quiet when the client goes away while a batch is being read", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow(): AsyncGenerator<ExportClaim[]> {
      await gate;
      yield [sampleClaims[0]];
    }
    const errors: unknown[] = [];
    const reader = exportStream(slow(), idWriter, { onError: (e) => errors.push(e) }).getReader();
    await reader.read();
    const reading = reader.read();
    const cancelling = reader.cancel();
    release();
    await cancelling;
    expect(await reading).toEqual({ done: true, value: undefined });
    expect(errors).toEqual([]);
  });
});
