import { render } from 'preact';
import { LibraryPage } from '@/components/LibraryPage';
import { localizePage } from '@/lib/i18n';
import '../popup/style.css';
import './style.css';

localizePage('library_pageTitle');
const app = document.getElementById('app');
const params = new URLSearchParams(location.search);
// The bench's baseline (every row rendered) exists only in the e2e build.
const windowed = !(import.meta.env.MODE === 'e2e' && params.has('every-row'));
if (app) render(<LibraryPage initialQuery={params.get('q') ?? ''} windowed={windowed} />, app);
