import type { RoutableReplica } from "@infera/core";

/**
 * The ready replica with the fewest of this process's calls in flight (ties: the first seen from a
 * random start, so idle replicas share the load). Other gateway processes' calls are not counted:
 * each process balances its own, which evens out across them (decision 0036).
 */
export function pickReplica(
  replicas: readonly RoutableReplica[],
  inFlight: (replicaId: string) => number,
  random: () => number = Math.random,
): RoutableReplica | null {
  if (!replicas.length) return null;
  const start = Math.floor(random() * replicas.length);
  let best: RoutableReplica | null = null;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (let i = 0; i < replicas.length; i++) {
    const replica = replicas[(start + i) % replicas.length]!;
    const load = inFlight(replica.id);
    if (load < bestLoad) {
      best = replica;
      bestLoad = load;
    }
  }
  return best;
}
