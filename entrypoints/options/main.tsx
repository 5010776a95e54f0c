import { render } from 'preact';
import { Options } from '@/components/Options';
import { localizePage } from '@/lib/i18n';
import '../popup/style.css';

// The page in the catalogue's language: its title, and the language screen readers speak.
localizePage('community_optionsTitle');
const app = document.getElementById('app');
if (app) render(<Options />, app);
