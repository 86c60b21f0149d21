import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Placeholder entry point; the real app replaces this.
const container = document.getElementById('root');
if (!container) throw new Error('#root not found');
createRoot(container).render(
  <StrictMode>
    <h1>racelanes</h1>
  </StrictMode>,
);
