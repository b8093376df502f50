import type { Api } from "../../http/api.js";
import { registerCancelEvaluation } from "./cancel-evaluation.js";
import { registerCompareEvaluations } from "./compare-evaluations.js";
import { registerCreateEvaluation } from "./create-evaluation.js";
import { registerDeleteEvaluation } from "./delete-evaluation.js";
import { registerExportEvaluation } from "./export-evaluation.js";
import { registerGetEvaluation } from "./get-evaluation.js";
import { registerListEvaluationSamples } from "./list-evaluation-samples.js";
import { registerListEvaluations } from "./list-evaluations.js";
import { registerRerunEvaluation } from "./rerun-evaluation.js";

/** Evaluation runs (issue 13); ratings and gate rules register their own routes. */
export function registerEvaluationRoutes(app: Api) {
  registerCompareEvaluations(app);
  registerListEvaluations(app);
  registerCreateEvaluation(app);
  registerGetEvaluation(app);
  registerCancelEvaluation(app);
  registerRerunEvaluation(app);
  registerDeleteEvaluation(app);
  registerListEvaluationSamples(app);
  registerExportEvaluation(app);
}
