import { describe, expect, it } from "vitest";
import { databaseUnavailableCause } from "./database-unavailable";

/** An error as postgres.js gives it: a `code`, and for PostgreSQL's own errors a SQLSTATE. */
const driverError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("databaseUnavailableCause", () => {
  it("recognises a connection refused, reset or timed out, and the server shutting down or starting", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "CONNECT_TIMEOUT",
      "CONNECTION_CLOSED",
      "CONNECTION_DESTROYED",
      "08006",
      "08001",
      "57P01",
      "57P02",
      "57P03",
      "53300",
      "57014",
    ]) {
      expect(databaseUnavailableCause(driverError(code, `failed: ${code}`)), code).toEqual({ code, message: `failed: ${code}` });
    }
  });

  it("finds the driver's error under Drizzle's wrapper and inside Node's AggregateError", () => {
    const wrapped = new Error("Failed query: select 1", { cause: driverError("57P01", "terminating connection due to administrator command") });
    expect(databaseUnavailableCause(wrapped)?.code).toBe("57P01");
    const aggregate = new Error("Failed query", { cause: Object.assign(new AggregateError([driverError("ECONNREFUSED")]), { code: undefined }) });
    expect(databaseUnavailableCause(aggregate)?.code).toBe("ECONNREFUSED");
  });

  it("leaves other errors alone: a refused statement is no outage", () => {
    for (const error of [new Error("boom"), driverError("23505"), driverError("22P02"), driverError("0A000"), "text", null, undefined]) {
      expect(databaseUnavailableCause(error)).toBeNull();
    }
    const cyclic: Error & { cause?: unknown } = new Error("cycle");
    cyclic.cause = cyclic;
    expect(databaseUnavailableCause(cyclic)).toBeNull();
  });
});
