-- Which tenant holds which blob, from what existed before tenant_blobs: completed uploads and the
-- files of the tenant's model and dataset versions. System (platform) model files belong to no
-- tenant: every tenant may name them, checked in code.
INSERT INTO "tenant_blobs" ("tenant_id", "sha256", "source", "first_seen_at", "last_seen_at")
SELECT DISTINCT ON (s."tenant_id", s."sha256") s."tenant_id", s."sha256", s."source", s."seen", now()
FROM (
  SELECT u."tenant_id", u."sha256", 'upload' AS "source", coalesce(u."completed_at", u."updated_at") AS "seen"
  FROM "uploads" u
  WHERE u."state" = 'complete' AND u."sha256" IS NOT NULL
  UNION ALL
  SELECT m."tenant_id", f."sha256", 'model_version', v."created_at"
  FROM "model_version_files" f
  JOIN "model_versions" v ON v."id" = f."version_id"
  JOIN "models" m ON m."id" = v."model_id"
  WHERE m."tenant_id" IS NOT NULL
  UNION ALL
  SELECT d."tenant_id", f."sha256", 'dataset_version', v."created_at"
  FROM "dataset_version_files" f
  JOIN "dataset_versions" v ON v."id" = f."version_id"
  JOIN "datasets" d ON d."id" = v."dataset_id"
) s
WHERE EXISTS (SELECT 1 FROM "tenants" t WHERE t."id" = s."tenant_id")
ORDER BY s."tenant_id", s."sha256", s."seen"
ON CONFLICT DO NOTHING;
