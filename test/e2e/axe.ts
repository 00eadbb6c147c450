/** axe-core in a page of the h5 build: its serious and critical violations, each with where (the first two nodes). */
import fs from 'node:fs'
import type { Page } from 'playwright-core'

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 2).map((n) => n.html.slice(0, 120)) }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
