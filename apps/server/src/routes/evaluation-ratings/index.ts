import type { Api } from "../../http/api.js";
import { registerExportEvaluationPreferences } from "./export-evaluation-preferences.js";
import { registerGetEvaluationWinRate } from "./get-evaluation-win-rate.js";
import { registerListEvaluationRatings } from "./list-evaluation-ratings.js";
import { registerRateEvaluationSample } from "./rate-evaluation-sample.js";

/** Side-by-side rating (issue 13): ratings, win rate and the preference export of a run. */
export function registerEvaluationRatingRoutes(app: Api) {
  registerRateEvaluationSample(app);
  registerListEvaluationRatings(app);
  registerGetEvaluationWinRate(app);
  registerExportEvaluationPreferences(app);
}
