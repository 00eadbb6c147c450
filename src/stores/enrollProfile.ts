/**
 * What a resident typed when enrolling last time (their own name and birth
 * date for 本人, and the contact phone), kept on the phone so the next
 * enrollment is quicker. Saved only after a successful enrollment.
 */
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { taroStorage } from './storage'

interface EnrollProfile {
  selfName: string
  selfBirthDate: string
  contactPhone: string
  remember: (p: { selfName?: string; selfBirthDate?: string; contactPhone: string }) => void
}

export const useEnrollProfile = create<EnrollProfile>()(
  persist(
    (set) => ({
      selfName: '',
      selfBirthDate: '',
      contactPhone: '',
      remember: (p) =>
        set((s) => ({
          selfName: p.selfName || s.selfName,
          selfBirthDate: p.selfBirthDate || s.selfBirthDate,
          contactPhone: p.contactPhone,
        })),
    }),
    {
      name: 'sgz-enroll-profile',
      storage: taroStorage,
      partialize: ({ selfName, selfBirthDate, contactPhone }) => ({ selfName, selfBirthDate, contactPhone }),
    },
  ),
)
