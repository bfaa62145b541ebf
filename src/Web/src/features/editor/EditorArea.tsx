import { Route, Routes } from 'react-router';
import { AreaFrame } from '../../ui/console/AreaFrame';

/** The editor's desk (/editor/*): articles by status, the editor with its preview and revisions, standing pages. */
export function EditorArea() {
  return (
    <Routes>
      <Route element={<AreaFrame label="Editing" who="editors" roles={['EDITOR', 'ADMIN']} pages={[
        { to: '/editor', label: 'Articles', end: true },
        { to: '/editor/pages', label: 'Standing pages' },
      ]} />}>
      </Route>
    </Routes>
  );
}
