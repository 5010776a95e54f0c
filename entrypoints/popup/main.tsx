import { render } from 'preact';
import { Popup, type PopupProps } from '@/components/Popup';
import { localizePage } from '@/lib/i18n';
import { targetTab } from '@/lib/ui';
import './style.css';

// The page in the catalogue's language: its tab's name when opened as a page (from the in-page
// panel), and the language screen readers speak.
localizePage('extName');
const app = document.getElementById('app');
const params = new URLSearchParams(location.search);
const props: PopupProps = {
  tab: null,
  itemId: params.get('item'),
  initialQuery: params.get('q') ?? '',
  newTip: params.get('new') === 'tip',
  answers: params.get('answers'),
  askAbout: params.get('new') === 'question',
};
if (app) {
  const tab = targetTab(location.search);
  // Paint at once; the target tab (needed to clip) arrives a moment later. A tip form opened for a
  // tab needs it from the start, for its "Applies to", and so does the Ask form.
  if (!props.newTip && !props.askAbout) render(<Popup {...props} />, app);
  void tab.then((target) => render(<Popup {...props} tab={target} />, app));
}
