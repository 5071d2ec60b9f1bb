/**
 * What the numbers were measured on: Node and V8, the OS, the CPU and the memory.
 */
import * as os from "node:os"

/** The machine a run was measured on. */
export interface MachineInfo {
  readonly node: string
  readonly v8: string
  readonly platform: string
  readonly arch: string
  readonly osRelease: string
  readonly cpuModel: string
  readonly cpus: number
  readonly memoryGiB: number
}

/** The current machine. */
export const machineInfo = (): MachineInfo => {
  const cpus = os.cpus()
  return {
    node: process.versions.node,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpus: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10
  }
}
