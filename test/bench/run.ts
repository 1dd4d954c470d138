// `npm run bench [-- --quick] [-- --only=S1,S4]`: the speed targets of the product, each a
// ratio or a count against a baseline in the same run. See README "Benchmarks".
import { seedDemoCounty } from "../../workers/dev/seed.ts";
import { startReceiver } from "./receiver.ts";
import { FULL, type Line, QUICK, s1, s2, s3, s4, s5, s5Digest, s6, s7, s8 } from "./scenarios.ts";
import { buildDeployBundle, PLATFORM_TOKEN, startBenchStack } from "./stack.ts";

const args = process.argv.slice(2);
const sizes = args.includes("--quick") ? QUICK : FULL;
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wanted = (id: string) => !only || only.includes(id);

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
console.log(`Building the deploy bundle… (${sizes.quick ? "quick" : "full"} run)`);
buildDeployBundle();
const receiver = await startReceiver();
const stack = await startBenchStack(receiver.url);
await seedDemoCounty(stack.url, PLATFORM_TOKEN);
console.log(`Product at ${stack.url}, baselines at ${stack.fixtureUrl} (${elapsed()})\n`);

const lines: Line[] = [];
const print = (line: Line) => {
  const ratio = line.ratio === undefined ? "" : `  ${line.ratio.toFixed(2)}×`;
  console.log(
    `${line.pass ? "PASS" : "FAIL"}  ${line.id} ${line.name}: ${line.figures}${ratio}  (target ${line.target})`,
  );
  lines.push(line);
};
const scenario = async (id: string, body: () => Promise<Line[]>) => {
  if (!wanted(id)) return;
  try {
    for (const line of await body()) print(line);
  } catch (error) {
    if (process.env.BENCH_VERBOSE) console.error(error, (error as { cause?: unknown }).cause);
    print({
      id,
      name: "did not complete",
      figures: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error),
      target: "runs",
      pass: false,
    });
  }
};

// Small data first: S1, S4 and S6 do not depend on the county's size.
const dueAt = Date.now() - 3_600_000;
await scenario("S1", () => s1(stack, sizes));
await scenario("S4", () => s4(stack, sizes));
await scenario("S6", () => s6(stack, sizes, receiver));
// Then the county grows: each scenario at its size, smallest first.
const steps: { size: number; run: () => Promise<void> }[] = [];
for (const size of sizes.workList)
  steps.push({ size, run: () => scenario("S2", () => s2(stack, size, dueAt)) });
for (const size of sizes.workList)
  steps.push({ size, run: () => scenario("S8", () => s8(stack, size, dueAt)) });
steps.push({ size: sizes.createAt, run: () => scenario("S3", () => s3(stack, sizes, dueAt)) });
steps.push({
  size: sizes.createAt,
  run: () => scenario("S7", () => s7(stack, sizes.createAt, dueAt)),
});
sizes.scan.forEach((size, day) => {
  steps.push({ size, run: () => scenario("S5", () => s5(stack, size, day)) });
});
steps.push({
  size: sizes.digestAt,
  run: () => scenario("S5", () => s5Digest(stack, sizes.digestAt, sizes.scan.length)),
});
steps.sort((a, b) => a.size - b.size);
for (const step of steps) await step.run();

await stack.stop();
await receiver.stop();
const passed = lines.filter((l) => l.pass).length;
console.log(`\n${passed} passed, ${lines.length - passed} failed (${elapsed()})`);
process.exit(lines.length === passed ? 0 : 1);
