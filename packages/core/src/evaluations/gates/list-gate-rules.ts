import type { GateRule, ListQuery } from "@infera/contracts";
import { and, eq, getTableColumns, isNull, or, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { keyset, type Page } from "../../shared/pagination.js";
import { type GateRuleRow, toGateRule } from "./to-gate-rule.js";

export interface GateRuleListQuery extends ListQuery {
  /** The rules that apply to this model: its own and the project's rules for every model. */
  model_id?: string;
  /** `true`: each pass-rate rule's regression prompts too (left out by default: up to 500 a rule). */
  include_prompts?: "true" | "false";
}

/** The project's gate rules, oldest first (the order a gate run reports them in). */
export async function listGateRules({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: GateRuleListQuery;
}): Promise<Page<GateRule>> {
  await authorize(ctx, "evaluation.gate_rule.list", { projectId });
  const t = tables.evaluationGateRules;
  const where: (SQL | undefined)[] = [eq(t.projectId, projectId)];
  if (query.model_id) where.push(or(isNull(t.modelId), eq(t.modelId, query.model_id)));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(sql`(${t.description} ILIKE ${pattern} OR ${t.metric} = ${query.q} OR ${t.id} = ${query.q})`);
  }
  const ks = keyset(query, {
    key: t.createdAt,
    id: t.id,
    type: "timestamp",
    direction: "asc",
    cursorOf: (r: Pick<GateRuleRow, "createdAt" | "id">) => [r.createdAt, r.id],
  });
  const withPrompts = query.include_prompts === "true";
  const { prompts, ...columns } = getTableColumns(t);
  const rows = await ctx.db
    .select({
      ...columns,
      // Without the prompts, only their count is read (the database counts them; nothing is sent).
      ...(withPrompts ? { prompts } : { promptCount: sql<number | null>`jsonb_array_length(${prompts})` }),
    })
    .from(t)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, (r) => toGateRule(r, { prompts: withPrompts }));
}

/** Every rule that applies to a model in its project (the runner and the console read these). */
export async function gateRulesFor(
  exec: ServiceContext["db"],
  projectId: string,
  modelId: string | null,
): Promise<GateRule[]> {
  const t = tables.evaluationGateRules;
  const rows = await exec
    .select()
    .from(t)
    .where(
      and(
        eq(t.projectId, projectId),
        modelId ? or(isNull(t.modelId), eq(t.modelId, modelId)) : isNull(t.modelId),
      ),
    )
    .orderBy(t.createdAt, t.id);
  return rows.map((r) => toGateRule(r));
}
