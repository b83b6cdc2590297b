import '../../protocol/zodJitless';
import { render } from 'preact';
import { OptionsApp } from '../../options/OptionsApp';
import '../../options/options.css';

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
