import { useMemo } from 'react'
import { Image, Text, View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import './index.scss'

/** A QR code as a GIF data URL (8 px per module, 4-module quiet zone), or null if the content cannot be encoded. */
export function qrDataUrl(content: string): string | null {
  try {
    const qr = qrcode(0, 'M')
    qr.addData(content)
    qr.make()
    return qr.createDataURL(8, 4)
  } catch {
    return null
  }
}

/** The check-in QR code of a confirmed enrollment, large enough to scan, with whose it is in words. */
export function CheckinQr({ code, participantName }: { code: string; participantName: string }) {
  const src = useMemo(() => qrDataUrl(code), [code])
  const label = `${participantName}的签到二维码，到场后请出示给社工扫码`
  return (
    <View className='checkin-qr'>
      <Text className='checkin-qr__title'>签到码 · {participantName}</Text>
      {/* In h5 the label becomes the <img>'s alt (src/utils/h5a11y.ts); the title above says whose it is in both builds. */}
      {src ? (
        <Image className='checkin-qr__image' src={src} mode='aspectFit' ariaLabel={label} />
      ) : (
        <Text className='checkin-qr__error'>签到码无法显示，请到场后告诉社工参加人姓名</Text>
      )}
      <Text className='checkin-qr__hint'>到场后出示给社工扫码签到；也可以报参加人姓名签到</Text>
    </View>
  )
}

export default CheckinQr
