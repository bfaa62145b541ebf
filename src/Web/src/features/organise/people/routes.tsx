import type { ReactElement } from 'react';

/** The organiser's console: applications (the index), members and a member's page, messages. */
export const peopleRoutes: ReadonlyArray<ReactElement> = [];
