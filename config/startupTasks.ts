/**
 * The h5 portal's start-up evaluated in several tasks instead of one.
 *
 * Webpack evaluates a module when it is first required, so everything the app's entry imports was
 * evaluated inside the one task that ran the app's script: React, Taro's runtime and APIs, axios, the
 * stores, then the router. That task was the page's longest, and Lighthouse counts all of it as
 * blocking time. A browser runs each deferred script in a task of its own, so each step here becomes
 * an entry of its own — its modules are evaluated when its script runs — and each later step depends
 * on the one before (`dependOn`: what the earlier step holds is not copied into the later one, and
 * one runtime serves them all, so a module is still evaluated once). The scripts go into index.html
 * in this order, before the app's.
 */
import type { Compiler, EntryNormalized } from 'webpack'

export interface StartupStep {
  /** The entry's (and its script's) name. */
  name: string
  /** What it evaluates: packages, or files of the app. */
  import: string[]
}

export class StartupTasksPlugin {
  constructor(private readonly options: { entry: string; steps: StartupStep[] }) {}

  apply(compiler: Compiler) {
    const entries = compiler.options.entry as Exclude<EntryNormalized, (...args: never[]) => unknown>
    const app = entries[this.options.entry]
    if (!app) throw new Error(`StartupTasksPlugin: no entry "${this.options.entry}"`)
    const ordered: typeof entries = {}
    let previous: string | undefined
    for (const step of this.options.steps) {
      ordered[step.name] = { import: step.import, ...(previous ? { dependOn: [previous] } : {}) }
      previous = step.name
    }
    ordered[this.options.entry] = { ...app, ...(previous ? { dependOn: [previous] } : {}) }
    for (const [name, entry] of Object.entries(entries)) if (!(name in ordered)) ordered[name] = entry
    compiler.options.entry = ordered
  }
}
