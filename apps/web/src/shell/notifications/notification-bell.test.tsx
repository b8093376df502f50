import type { Notification } from "@infera/contracts";
import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi } from "../../test/fake-api";
import { page } from "../../test/fixtures";
import { renderUi } from "../../test/render";
import { NotificationBell } from "./notification-bell";

const me = (principal: "user" | "service_account" = "user") => ({
  body: {
    data: {
      principal_type: principal,
      user:
        principal === "user"
          ? {
              id: "usr_1",
              email: "a@x.io",
              name: null,
              is_platform_admin: false,
              status: "active",
              last_login_at: null,
              created_at: "2025-01-01T00:00:00Z",
            }
          : null,
      service_account:
        principal === "user"
          ? null
          : { id: "sa_1", name: "bot", project_id: "proj_1", tenant_id: "ten_1", role: "developer" },
      tenants: [],
      csrf_token: principal === "user" ? "c" : null,
    },
  },
});

function memberAdded(seq: number, over: Partial<Notification> = {}): Notification {
  return {
    id: `ntf_${String(seq).padStart(26, "0")}`,
    kind: "project.member.added",
    params: { project_name: `Project ${seq}`, role: "developer", added_by: "Olivia" },
    resource: { type: "project", id: "proj_1", tenant_id: "ten_1", project_id: "proj_1" },
    read_at: null,
    created_at: new Date(Date.now() - 3 * 60_000).toISOString(),
    seq,
    ...over,
  } as Notification;
}

/** The browser's EventSource at the network edge: the test plays the server's messages. */
class ScriptedEventSource {
  static instances: ScriptedEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((e: { data: string; lastEventId?: string }) => void)[]>();
  constructor(
    readonly url: string,
    readonly init?: { withCredentials?: boolean },
  ) {
    ScriptedEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: { data: string; lastEventId?: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown, id?: string) {
    for (const fn of this.listeners.get(type) ?? []) fn({ data: JSON.stringify(data), lastEventId: id });
  }
}

function serve(state: { rows: Notification[] }) {
  return fakeApi({
    "GET /api/v1/auth/me": () => me(),
    "GET /api/v1/me/notifications/unread-count": () => ({
      body: {
        data: {
          unread: state.rows.filter((n) => !n.read_at).length,
          last_seq: Math.max(0, ...state.rows.map((n) => n.seq)),
        },
      },
    }),
    "GET /api/v1/me/notifications": () => page([...state.rows].sort((a, b) => b.seq - a.seq)),
    "POST /api/v1/me/notifications/read": (req) => {
      const body = req.body as { ids?: string[]; up_to_seq?: number };
      let marked = 0;
      state.rows = state.rows.map((n) => {
        const hit = body.ids ? body.ids.includes(n.id) : n.seq <= (body.up_to_seq ?? 0);
        if (!hit || n.read_at) return n;
        marked++;
        return { ...n, read_at: new Date().toISOString() };
      });
      return { body: { data: { marked, unread: state.rows.filter((n) => !n.read_at).length } } };
    },
  });
}

describe("NotificationBell", () => {
  afterEach(() => {
    ScriptedEventSource.instances = [];
    vi.unstubAllGlobals();
  });

  it("shows the unread count, keeps it live from the stream, and lists translated sentences", async () => {
    vi.stubGlobal("EventSource", ScriptedEventSource);
    const state = { rows: [memberAdded(1), memberAdded(2, { read_at: "2025-01-01T00:00:00Z" })] };
    const { requests, user } = {
      ...serve(state),
      ...renderUi(<NotificationBell />, { route: "/t/ten_1/overview" }),
    };
    const bell = await screen.findByRole("button", { name: "Notifications: 1 unread" });

    // The stream opens once, after the newest notification known, on the session cookie.
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    const source = ScriptedEventSource.instances[0]!;
    expect(source.url).toBe("/api/v1/me/notifications/stream?after=2");
    expect(source.init).toEqual({ withCredentials: true });

    // A notification arrives: the badge counts it without a reload.
    state.rows.push(memberAdded(3, { params: { project_name: "Alpha", role: "viewer", added_by: "Sam" } }));
    act(() => source.emit("notification", state.rows[2], "3"));
    await screen.findByRole("button", { name: "Notifications: 2 unread" });

    await user.click(bell);
    const list = await screen.findByRole("list", { name: "Notifications" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.querySelector(".infera-notification-text")?.textContent)).toEqual([
      "Sam added you to Alpha as Viewer",
      "Olivia added you to Project 2 as Developer",
      "Olivia added you to Project 1 as Developer",
    ]);
    expect(within(items[0]!).getByRole("img", { name: "Unread" })).toBeInTheDocument();
    expect(within(items[1]!).queryByRole("img", { name: "Unread" })).not.toBeInTheDocument();
    expect(within(items[2]!).getByText("3 minutes ago")).toBeInTheDocument();
    expect(within(items[0]!).getByRole("link")).toHaveAttribute("href", "/t/ten_1/p/proj_1/dashboard");

    await user.click(screen.getByRole("button", { name: "Mark all read" }));
    await screen.findByRole("button", { name: "Notifications" });
    const read = requests.find((r) => r.method === "POST" && r.path === "/api/v1/me/notifications/read");
    expect(read?.body).toEqual({ up_to_seq: 3 });
    expect(read?.headers.get("x-csrf-token")).toBe("c");
    await waitFor(() => expect(screen.queryByRole("img", { name: "Unread" })).not.toBeInTheDocument());
    expect(screen.getByRole("button", { name: "Mark all read" })).toBeDisabled();
  });

  it("marks one read when it is followed, and shows the empty state in Chinese", async () => {
    vi.stubGlobal("EventSource", ScriptedEventSource);
    const state = { rows: [memberAdded(7)] };
    const { requests } = serve(state);
    const { user, router, unmount } = renderUi(<NotificationBell />, {
      route: "/t/ten_1/overview",
      lang: "zh-CN",
    });
    await user.click(await screen.findByRole("button", { name: "通知：1 条未读" }));
    const link = await screen.findByRole("link", {
      name: /Olivia 将你加入了项目 Project 7，角色为 Developer/,
    });
    await user.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/dashboard"));
    const read = requests.find((r) => r.method === "POST" && r.path === "/api/v1/me/notifications/read");
    expect(read?.body).toEqual({ ids: [state.rows[0]!.id] });

    unmount();
    state.rows = [];
    const empty = renderUi(<NotificationBell />, { lang: "zh-CN" });
    await empty.user.click(await screen.findByRole("button", { name: "通知" }));
    expect(await screen.findByText("暂无通知")).toBeInTheDocument();
  });

  it("closes the stream when the session ends, and asks nothing for a service account", async () => {
    vi.stubGlobal("EventSource", ScriptedEventSource);
    serve({ rows: [] });
    const first = renderUi(<NotificationBell />);
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    act(() => ScriptedEventSource.instances[0]!.emit("end", { last: 0 }));
    expect(ScriptedEventSource.instances[0]!.closed).toBe(true);
    first.unmount();

    ScriptedEventSource.instances = [];
    const { requests } = fakeApi({ "GET /api/v1/auth/me": () => me("service_account") });
    renderUi(<NotificationBell />);
    await screen.findByRole("button", { name: "Notifications" });
    await waitFor(() => expect(requests.some((r) => r.path === "/api/v1/auth/me")).toBe(true));
    expect(requests.filter((r) => r.path.startsWith("/api/v1/me/"))).toEqual([]);
    expect(ScriptedEventSource.instances).toEqual([]);
  });
});
