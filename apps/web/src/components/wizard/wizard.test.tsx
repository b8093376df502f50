import { screen, waitFor } from "@testing-library/react";
import { Form, Input } from "antd";
import { describe, expect, it, vi } from "vitest";
import { renderUi } from "../../test/render";
import { Wizard } from "./wizard";

function NameWizard({ onSubmit }: { onSubmit: (name: string) => Promise<void> }) {
  const [form] = Form.useForm<{ name: string }>();
  return (
    <Form form={form}>
      <Wizard
        steps={[
          {
            key: "basics",
            title: "Basics",
            content: (
              <Form.Item
                name="name"
                label="Job name"
                rules={[{ required: true, message: "Name is required" }]}
              >
                <Input />
              </Form.Item>
            ),
            validate: async () => Boolean(await form.validateFields(["name"])),
          },
        ]}
        review={<Form.Item shouldUpdate>{() => <p>Will create {form.getFieldValue("name")}</p>}</Form.Item>}
        onSubmit={() => onSubmit(form.getFieldValue("name"))}
      />
    </Form>
  );
}

describe("Wizard", () => {
  it("blocks a step that fails validation, reviews, and submits once", async () => {
    let release!: () => void;
    const onSubmit = vi.fn(
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    const { user } = renderUi(<NameWizard onSubmit={onSubmit} />);

    await user.click(await screen.findByRole("button", { name: "Next" }, { timeout: 5000 }));
    expect(await screen.findByText("Name is required")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Submit" })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText("Job name"), "lora-run-1");
    await user.click(await screen.findByRole("button", { name: "Next" }, { timeout: 5000 }));
    // The review step fades in: wait until it is visible, not just mounted (a loaded machine is slow).
    await waitFor(() => expect(screen.getByText("Will create lora-run-1")).toBeVisible(), { timeout: 5000 });

    const submit = screen.getByRole("button", { name: "Submit" });
    await user.click(submit);
    await user.click(submit);
    release();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith("lora-run-1");

    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByLabelText("Job name")).toHaveValue("lora-run-1");
  });

  it("validates again when Ant Design answers outOfDate (a value changed meanwhile), so the click still advances", async () => {
    const validate = vi
      .fn<() => Promise<boolean>>()
      .mockRejectedValueOnce({ values: {}, errorFields: [], outOfDate: true })
      .mockResolvedValue(true);
    const { user } = renderUi(
      <Wizard
        steps={[{ key: "pick", title: "Pick", content: <p>Pick a dataset</p>, validate }]}
        review={<p>Ready to create</p>}
        onSubmit={async () => {}}
      />,
    );
    await user.click(await screen.findByRole("button", { name: "Next" }, { timeout: 5000 }));
    expect(await screen.findByText("Ready to create", {}, { timeout: 5000 })).toBeVisible();
    expect(validate).toHaveBeenCalledTimes(2);
  });
});
