/**
 * Renders the tab bar and map marker icons from the SVGs below into PNGs
 * (WeChat's tab bar takes PNG/JPG only), with Debian's chromium through
 * playwright-core. Run after changing an icon: node scripts/make-icons.mjs
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const NORMAL = '#5c6670'
const ACTIVE = '#0a7d5a'

const tab = {
  home: (c) =>
    `<path d="M12 40 L40 16 L68 40" fill="none" stroke="${c}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/><path d="M20 36 V66 H34 V50 H46 V66 H60 V36" fill="none" stroke="${c}" stroke-width="6" stroke-linejoin="round"/>`,
  stations: (c) =>
    `<path d="M40 70 C40 70 16 46 16 31 A24 24 0 0 1 64 31 C64 46 40 70 40 70 Z" fill="none" stroke="${c}" stroke-width="6" stroke-linejoin="round"/><circle cx="40" cy="31" r="8" fill="${c}"/>`,
  activities: (c) =>
    `<rect x="14" y="18" width="52" height="48" rx="6" fill="none" stroke="${c}" stroke-width="6" stroke-linejoin="round"/><path d="M14 32 H66 M28 12 V22 M52 12 V22" fill="none" stroke="${c}" stroke-width="6" stroke-linecap="round"/><path d="M40 40 L43 47 L50 47 L44.5 51.5 L46.5 58 L40 54 L33.5 58 L35.5 51.5 L30 47 L37 47 Z" fill="${c}"/>`,
  mine: (c) =>
    `<circle cx="40" cy="27" r="13" fill="none" stroke="${c}" stroke-width="6"/><path d="M14 68 C14 52 26 44 40 44 C54 44 66 52 66 68" fill="none" stroke="${c}" stroke-width="6" stroke-linecap="round"/>`,
}

const marker = (fill) =>
  `<path d="M40 76 C40 76 12 48 12 30 A28 28 0 0 1 68 30 C68 48 40 76 40 76 Z" fill="${fill}" stroke="#ffffff" stroke-width="4"/><circle cx="40" cy="30" r="10" fill="#ffffff"/>`

const jobs = [
  ...Object.entries(tab).flatMap(([name, draw]) => [
    { file: `src/assets/tabbar/${name}.png`, svg: draw(NORMAL), size: 81 },
    { file: `src/assets/tabbar/${name}-active.png`, svg: draw(ACTIVE), size: 81 },
  ]),
  { file: 'src/assets/map/marker.png', svg: marker(ACTIVE), size: 60 },
  { file: 'src/assets/map/marker-selected.png', svg: marker('#c2410c'), size: 60 },
]

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
const page = await browser.newPage({ deviceScaleFactor: 1 })
for (const job of jobs) {
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><svg id="i" xmlns="http://www.w3.org/2000/svg" width="${job.size}" height="${job.size}" viewBox="0 0 80 80">${job.svg}</svg></body></html>`,
  )
  const buf = await page.locator('#i').screenshot({ omitBackground: true })
  fs.writeFileSync(path.join(root, job.file), buf)
  console.log(`${job.file} ${buf.length} bytes`)
}
await browser.close()
