// Follows a Baton execution with the AG-UI client from npm and answers every interrupt
// (approvals) by approving it, until the run finishes. Prints a JSON summary on stdout.
// Usage: node agui-run.mjs URL KEY THREAD_ID PLAN_FILE
import { readFileSync } from "node:fs";
import { HttpAgent } from "@ag-ui/client";

const [url, key, threadId, planFile] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, "utf8"));
const agent = new HttpAgent({ url, headers: { Authorization: `Bearer ${key}` }, threadId });

const types = new Set();
const answered = [];
const toolCalls = [];
let outcome = null;
let runs = 0;
const subscriber = {
  onEvent({ event }) {
    types.add(event.type);
    if (event.type === "TOOL_CALL_START") toolCalls.push(event.toolCallName);
  },
  onRunFinishedEvent({ event }) {
    outcome = event.outcome ?? null;
  },
};

let params = { forwardedProps: { plan } };
let result = null;
while (runs < 10) {
  runs++;
  outcome = null;
  const r = await agent.runAgent(params, subscriber);
  result = r.result ?? null;
  if (!outcome || outcome.type !== "interrupt") break;
  const resume = outcome.interrupts.map((i) => {
    answered.push({ id: i.id, reason: i.reason, tool: i.metadata?.tool ?? null });
    return { interruptId: i.id, status: "resolved", payload: { approved: true, comment: "from AG-UI" } };
  });
  params = { resume };
}
console.log(JSON.stringify({
  runs, outcome, answered, toolCalls, types: [...types].sort(), state: agent.state, result,
}));
