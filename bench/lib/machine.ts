import { execFileSync } from "node:child_process";
import os from "node:os";

/** The machine a result was measured on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** Load averages (1, 5, 15 min) when the run started: other work on the machine skews results. */
  loadAverage: number[];
  /** The browser used for dev updates, PDF and network checks, when one was found. */
  browser?: string;
}

/** CPU model, core count, memory and Node version of this machine. */
export function machineInfo(browserPath?: string): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    browser: browserPath ? browserVersion(browserPath) : undefined,
  };
}

function browserVersion(file: string): string {
  try {
    return execFileSync(file, ["--version"], {
      encoding: "utf8",
      timeout: 10_000,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return file;
  }
}

/** A warning when other work keeps the machine busy, else undefined. */
export function busyWarning(cores: number, load = os.loadavg()[0]!): string | undefined {
  return load > cores
    ? `the machine is busy (load average ${load.toFixed(1)} on ${cores} cores): other processes share the CPU, so times will be longer than on an idle machine`
    : undefined;
}
