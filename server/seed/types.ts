import type { ServiceCategory, StationKind } from '../../contract/enums'
import type { BrandProject, OpeningHours } from '../../contract/types'

/** One station of the demo data, as written in `stations.ts`. */
export interface SeedStation {
  /** Unique, stable code (the seed upserts on it), e.g. `DL-JP-XJ`. */
  code: string
  name: string
  kind: StationKind
  /** Code of the parent station; null for a top-level station. */
  parentCode: string | null
  area: {
    province: string
    city: string
    district: string
    street: string | null
    community: string | null
  }
  address: string
  /** GCJ-02 coordinates (what WeChat's map and openLocation use). */
  location: { lat: number; lng: number }
  /** Mainland format: landline `0411-87654321` or mobile `13812345678`. */
  phone: string
  openingHours: OpeningHours[]
  /** Free text shown under the hours, e.g. "法定节假日休息，紧急情况请拨打 110". */
  hoursNote: string
  services: ServiceCategory[]
  brandProjects: BrandProject[]
  intro: string
}
