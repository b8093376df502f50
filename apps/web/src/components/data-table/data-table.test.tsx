import type { Project } from "@infera/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../lib/client";
import { fakeApi } from "../../test/fake-api";
import { project } from "../../test/fixtures";
import { renderUi } from "../../test/render";
import { DataTable, type DataTableColumn } from "./data-table";
import { exportQuery, pageQuery } from "./data-table-query";

type Row = Project;

const rows: Row[] = Array.from({ length: 5 }, (_, i) =>
  project({ id: `proj_${i}`, name: `project-${i}`, env: i % 2 ? "prod" : "dev" }),
);

function serve() {
  return fakeApi({
    "GET /api/v1/tenants/ten_1/projects": (req) => {
      let data = rows;
      const env = req.query.get("env");
      if (env) data = data.filter((r) => r.env === env);
      const q = req.query.get("q");
      if (q) data = data.filter((r) => r.name.includes(q));
      if (req.query.get("sort") === "-name") data = [...data].reverse();
      if (req.query.get("format") === "csv")
        return { text: `id,name\r\n${data.map((r) => `${r.id},${r.name}`).join("\r\n")}\r\n` };
      if (req.query.get("format") === "json") return { body: { data, next_cursor: null } };
      const limit = Number(req.query.get("limit"));
      const start = Number(req.query.get("cursor") ?? 0);
      const page = data.slice(start, start + limit);
      return {
        body: { data: page, next_cursor: start + limit < data.length ? String(start + limit) : null },
      };
    },
  });
}

const columns: DataTableColumn<Row>[] = [
  { key: "name", title: "Name", sortable: true },
  { key: "env", title: "Env" },
  { key: "id", title: "ID", defaultHidden: true },
];

function Table(props: { onArchive?: (rows: Row[]) => void }) {
  return (
    <DataTable<Row>
      ariaLabel="Things"
      list={(q) => api.projects.list("ten_1", pageQuery(q))}
      exportCsv={(q) => api.projects.exportCsv("ten_1", exportQuery(q))}
      exportJson={(q) => api.projects.exportJson("ten_1", exportQuery(q))}
      exportName="projects"
      queryKey={["things"]}
      columns={columns}
      rowKey={(r) => r.id}
      pageSizes={[2, 50]}
      filters={[
        {
          key: "env",
          label: "Env filter",
          type: "select",
          options: [
            { value: "prod", label: "Prod" },
            { value: "dev", label: "Dev" },
          ],
        },
      ]}
      batchActions={props.onArchive ? [{ key: "archive", label: "Archive", onRun: props.onArchive }] : []}
    />
  );
}

const names = () =>
  within(screen.getByRole("table"))
    .queryAllByText(/^project-\d$/)
    .map((n) => n.textContent);

describe("DataTable", () => {
  it("pages forward and back by cursor", async () => {
    const { requests } = serve();
    const { user } = renderUi(<Table />);
    await waitFor(() => expect(names()).toEqual(["project-0", "project-1"]));
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(names()).toEqual(["project-2", "project-3"]));
    expect(requests.at(-1)?.query.get("cursor")).toBe("2");
    expect(screen.getByText("Page 2")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(names()).toEqual(["project-4"]));
    expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Previous" }));
    await waitFor(() => expect(names()).toEqual(["project-2", "project-3"]));
  });

  it("sends search, filters and sort to the server, and exports exactly that filter", async () => {
    const { requests } = serve();
    const { user } = renderUi(<Table />);
    await waitFor(() => expect(names()).toHaveLength(2));

    await user.click(screen.getByRole("combobox", { name: "Env filter" }));
    await user.click(await screen.findByTitle("Prod"));
    await waitFor(() => expect(names()).toEqual(["project-1", "project-3"]));
    expect(requests.at(-1)?.query.get("env")).toBe("prod");

    await user.click(screen.getByRole("columnheader", { name: /Name/ }));
    await user.click(screen.getByRole("columnheader", { name: /Name/ }));
    await waitFor(() => expect(requests.at(-1)?.query.get("sort")).toBe("-name"));
    await waitFor(() => expect(names()).toEqual(["project-3", "project-1"]));

    const saved: Blob[] = [];
    const spy = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      saved.push(b as Blob);
      return "blob:x";
    });
    await user.click(screen.getByRole("button", { name: /Export CSV/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(requests.at(-1)?.path).toBe("/api/v1/tenants/ten_1/projects");
    expect(Object.fromEntries(requests.at(-1)?.query ?? [])).toEqual({
      env: "prod",
      sort: "-name",
      format: "csv",
    });
    expect(await saved[0]?.text()).toBe("id,name\r\nproj_3,project-3\r\nproj_1,project-1\r\n");

    await user.click(screen.getByRole("button", { name: "Export JSON" }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(Object.fromEntries(requests.at(-1)?.query ?? [])).toEqual({
      env: "prod",
      sort: "-name",
      format: "json",
    });
    const exported = JSON.parse((await saved[1]?.text()) ?? "") as { data: Row[] };
    expect(exported.data.map((r) => r.name)).toEqual(["project-3", "project-1"]);
    spy.mockRestore();
  });

  it("shows why an export failed and keeps the table", async () => {
    fakeApi({
      "GET /api/v1/tenants/ten_1/projects": (req) =>
        req.query.get("format")
          ? {
              status: 403,
              body: { error: { code: "forbidden", message: "export not allowed", request_id: "req_x" } },
            }
          : { body: { data: rows.slice(0, 2), next_cursor: null } },
    });
    const { user } = renderUi(<Table />);
    await waitFor(() => expect(names()).toHaveLength(2));
    await user.click(screen.getByRole("button", { name: /Export CSV/ }));
    expect(await screen.findByText("export not allowed")).toBeInTheDocument();
    expect(names()).toHaveLength(2);
  });

  it("shows hidden columns on demand", async () => {
    serve();
    const { user } = renderUi(<Table />);
    await waitFor(() => expect(names()).toHaveLength(2));
    expect(within(screen.getByRole("table")).queryByText("proj_0")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Columns/ }));
    await user.click(await screen.findByRole("checkbox", { name: "ID" }));
    expect(within(screen.getByRole("table")).getByText("proj_0")).toBeInTheDocument();
  });

  it("runs a batch action on the selected rows", async () => {
    serve();
    const onArchive = vi.fn();
    const { user } = renderUi(<Table onArchive={onArchive} />);
    await waitFor(() => expect(names()).toHaveLength(2));
    expect(screen.queryByRole("toolbar", { name: "Batch actions" })).not.toBeInTheDocument();
    const boxes = within(screen.getByRole("table")).getAllByRole("checkbox");
    await user.click(boxes[1] as HTMLElement);
    const bar = screen.getByRole("toolbar", { name: "Batch actions" });
    expect(bar).toHaveTextContent("1 selected");
    await user.click(within(bar).getByRole("button", { name: "Archive" }));
    await waitFor(() => expect(onArchive).toHaveBeenCalledWith([rows[0]]));
  });

  it("shows the server's error with its request id", async () => {
    fakeApi({
      "GET /api/v1/tenants/ten_1/projects": () => ({
        status: 500,
        body: { error: { code: "internal", message: "internal error", request_id: "req_987" } },
      }),
    });
    const { user } = renderUi(<Table />);
    expect(await screen.findByRole("alert")).toHaveTextContent("internal error");
    await user.click(screen.getByText("Error details"));
    expect(await screen.findByText("req_987")).toBeInTheDocument();
  });
});
