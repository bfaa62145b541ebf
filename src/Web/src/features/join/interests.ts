/** The areas of work the join form and the member's profile offer as checkboxes (others are typed in). */
export const interestChoices = [
  { value: 'rank-and-file', label: 'Rank-and-file union work' },
  { value: 'palestine', label: 'Palestine solidarity' },
  { value: 'anti-fascism', label: 'Opposing the far right' },
] as const;
