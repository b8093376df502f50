import { describe, expect, it } from "vitest";
import { ReplicaStoppingError, SequencePool } from "./sequence-pool.js";

describe("sequence pool", () => {
  it("hands out free slots, then queues requests in arrival order", async () => {
    const pool = new SequencePool(["a", "b"]);
    expect([await pool.acquire(), await pool.acquire()]).toEqual(["a", "b"]);
    const order: string[] = [];
    const third = pool.acquire().then((s) => order.push(`third:${s}`));
    const fourth = pool.acquire().then((s) => order.push(`fourth:${s}`));
    expect(pool.queued).toBe(2);
    pool.release("b");
    pool.release("a");
    await Promise.all([third, fourth]);
    expect(order).toEqual(["third:b", "fourth:a"]);
    expect(pool.queued).toBe(0);
  });

  it("a waiter whose request is aborted leaves the queue; shutdown fails the rest", async () => {
    const pool = new SequencePool(["a"]);
    await pool.acquire();
    const gone = new AbortController();
    const leaving = pool.acquire(gone.signal);
    const staying = pool.acquire();
    gone.abort(new Error("client disconnected"));
    await expect(leaving).rejects.toThrow("client disconnected");
    expect(pool.queued).toBe(1);
    pool.rejectWaiting();
    await expect(staying).rejects.toBeInstanceOf(ReplicaStoppingError);
    pool.release("a");
    expect(pool.available).toBe(1);
  });
});
