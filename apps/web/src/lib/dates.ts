import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);

export const dateTimeFormat = "YYYY-MM-DD HH:mm:ss";

/** Formats an instant as `YYYY-MM-DD HH:mm:ss` in the given IANA time zone; empty input gives "—". */
export function formatDateTime(value: string | number | Date | null | undefined, timeZone: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const d = dayjs(value);
  if (!d.isValid()) return "—";
  return d.tz(timeZone).format(dateTimeFormat);
}

export { dayjs };
