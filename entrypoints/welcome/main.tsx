import { render } from 'preact';
import { Welcome } from '@/components/Welcome';
import { inviteFromFragment } from '@/lib/ui';
import '../popup/style.css';

const app = document.getElementById('app');
if (app) render(<Welcome invite={inviteFromFragment(location.hash)} />, app);
