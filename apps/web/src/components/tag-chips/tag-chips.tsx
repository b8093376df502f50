import { Space, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { shortId } from "../id-badge/short-id";

export interface TagPointer {
  tag: string;
  /** The immutable version the tag resolves to; always shown, never replaced by the tag. */
  versionId: string;
}

const tagColors: Record<string, string> = { prod: "red", staging: "orange", latest: "blue" };

/** Model tags as chips that lead to the version each one points at. */
export function TagChips({ tags, hrefFor }: { tags: TagPointer[]; hrefFor?: (versionId: string) => string }) {
  const { t } = useTranslation();
  if (tags.length === 0) return <span title={t("tagChips.none")}>—</span>;
  return (
    <Space size={[4, 4]} wrap>
      {tags.map(({ tag, versionId }) => {
        const label = (
          <>
            {tag} → {shortId(versionId)}
          </>
        );
        return (
          <Tooltip key={tag} title={t("tagChips.pointsTo", { tag, versionId })}>
            <Tag color={tagColors[tag] ?? "default"} data-tag={tag}>
              {hrefFor ? <Link to={hrefFor(versionId)}>{label}</Link> : label}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}
