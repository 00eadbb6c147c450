import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas as TaroCanvas } from '@tarojs/components'
import { Canvas, type JSX as F2JSX } from '@antv/f2'

/** Draws what `render` gives with the given font size (CSS px) and width. */
export type ChartRender = (size: { width: number; fontSize: number }) => F2JSX.Element

interface Surface {
  context: CanvasRenderingContext2D
  width: number
  height: number
  pixelRatio: number
  fontSize: number
}

let counter = 0

/**
 * The canvas 2d node: in WeChat from a selector query (as @antv/f-wx does), in h5 the page's own
 * `<canvas>`. The font size follows the page's type (长辈模式 included): in h5 the canvas's computed
 * style, in WeChat the design size (750 wide) scaled to the window. Null where there is no canvas
 * (an old base library, a test's fake WeChat): then the table under the chart says it all.
 */
function surfaceOf(id: string, elder: boolean): Promise<Surface | null> {
  if (process.env.TARO_ENV === 'h5') {
    const el = document.getElementById(id) as HTMLCanvasElement | null
    const context = el?.getContext?.('2d')
    if (!el || !context || el.clientWidth === 0) return Promise.resolve(null)
    const pixelRatio = window.devicePixelRatio || 1
    el.width = el.clientWidth * pixelRatio
    el.height = el.clientHeight * pixelRatio
    return Promise.resolve({
      context,
      width: el.clientWidth,
      height: el.clientHeight,
      pixelRatio,
      fontSize: parseFloat(window.getComputedStyle(el).fontSize) || 13,
    })
  }
  type Found = {
    node?: { getContext?: (t: '2d') => CanvasRenderingContext2D; width: number; height: number }
    width?: number
    height?: number
  }
  return new Promise((resolve) => {
    const drawOn = (res: (Found | null)[] | null) => {
      const found = res?.[0]
      const context = found?.node?.getContext?.('2d')
      if (!found?.node || !context || !found.width || !found.height) return resolve(null)
      const { pixelRatio, windowWidth } = Taro.getWindowInfo()
      found.node.width = found.width * pixelRatio
      found.node.height = found.height * pixelRatio
      resolve({ context, width: found.width, height: found.height, pixelRatio, fontSize: ((elder ? 36 : 26) * windowWidth) / 750 })
    }
    try {
      Taro.createSelectorQuery().select(`#${id}`).fields({ node: true, size: true }).exec(drawOn)
    } catch {
      resolve(null) // no node query here (a base library before 2.7, a test's fake WeChat)
    }
  })
}

/**
 * One chart, drawn with F2 (@antv/f2) on a canvas 2d, the same code in WeChat and in h5. The canvas is a picture
 * only (hidden from screen readers): the caller puts the words and the table beside it.
 */
export function TrendCanvas(props: { render: ChartRender; data: string; elder: boolean; className: string; height: string }) {
  const { data, elder, className, height } = props
  const [id] = useState(() => `trend-chart-${++counter}`)
  const render = useRef(props.render)
  render.current = props.render

  // Drawn anew when the data (`data`: the series as JSON) or the mode changes; the canvas is redrawn whole.
  useEffect(() => {
    let gone = false
    let chart: Canvas | null = null
    const timer = setTimeout(() => {
      void surfaceOf(id, elder).then((s) => {
        if (gone || !s) return
        // A canvas that cannot draw (an old WebView) leaves the chart blank: the words and the table under it say the same.
        try {
          chart = new Canvas({ ...s, animate: false, children: render.current({ width: s.width, fontSize: s.fontSize }) })
          chart.render().catch(() => undefined)
        } catch {
          chart = null
        }
      })
    }, 0)
    return () => {
      gone = true
      clearTimeout(timer)
      chart?.destroy()
    }
  }, [id, elder, data, height])

  return process.env.TARO_ENV === 'h5' ? (
    <canvas id={id} className={className} style={{ height }} aria-hidden='true' />
  ) : (
    <TaroCanvas type='2d' id={id} className={className} style={{ height }} />
  )
}
