import type { ReactElement } from 'react';

/** The organiser's console: campaigns, their actions, and the at-the-action screen. */
export const campaignRoutes: ReadonlyArray<ReactElement> = [];
