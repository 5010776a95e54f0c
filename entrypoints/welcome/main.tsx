import { render } from 'preact';
import { Welcome } from '@/components/Welcome';
import { localizePage } from '@/lib/i18n';
import { inviteFromFragment } from '@/lib/ui';
import '../popup/style.css';

// The page in the catalogue's language: its title, and the language screen readers speak.
localizePage('community_welcomeTitle');
const app = document.getElementById('app');
if (app) render(<Welcome invite={inviteFromFragment(location.hash)} />, app);
