/** The combined store shape; each slice is typed against it (zustand slices pattern). */
import type { ShareSlice } from './shareSlice.ts';
import type { SimSlice } from './simSlice.ts';
import type { VerdictSlice } from './verdictSlice.ts';
import type { ViewSlice } from './viewSlice.ts';

export type AppState = SimSlice & ViewSlice & VerdictSlice & ShareSlice;
