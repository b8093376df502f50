import { waitFor } from "@testing-library/react";

/**
 * The open dialog with this title. Ant Design's ids are fixed under NODE_ENV=test, so a dialog's
 * aria-labelledby does not resolve in jsdom (it does in a browser): find it by its title instead.
 */
export async function findDialog(title: string | RegExp): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await waitFor(() => {
    const titles = [...document.querySelectorAll<HTMLElement>(".ant-modal-title, .ant-drawer-title")];
    const match = titles.find((el) =>
      typeof title === "string" ? el.textContent === title : title.test(el.textContent ?? ""),
    );
    found = (match?.closest(".ant-modal, [role=dialog]") as HTMLElement | null) ?? null;
    if (!found) throw new Error(`no open dialog titled ${String(title)}`);
  });
  return found as unknown as HTMLElement;
}

/**
 * The open popup of an Ant Design select, found from the list its combobox controls. Waited for:
 * on a busy machine the popup is rendered a moment after the click that opens it.
 */
export async function findSelectPopup(combobox: HTMLElement): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await waitFor(() => {
    const list = document.getElementById(combobox.getAttribute("aria-controls") ?? "");
    found = list?.closest<HTMLElement>(".ant-select-dropdown") ?? null;
    if (!found) throw new Error("the select's options did not open");
  });
  return found as unknown as HTMLElement;
}
