import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/client";

export const nodeKeys = { all: ["platform", "nodes"] as const };

/** The registered nodes, refreshed every 10 s: status and free capacity change as jobs come and go. */
export function useNodes() {
  return useQuery({ queryKey: nodeKeys.all, queryFn: () => api.nodes.list(), refetchInterval: 10_000 });
}

export function useSetDraining() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ nodeId, draining }: { nodeId: string; draining: boolean }) =>
      api.nodes.update(nodeId, { draining }),
    onSuccess: () => qc.invalidateQueries({ queryKey: nodeKeys.all }),
  });
}
