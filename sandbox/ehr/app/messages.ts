/** Loading and error states, worded for the clinician in front of the screen. */
import { h } from './dom';

export function loading(text: string): HTMLElement {
  return h('p', { className: 'loading', attrs: { role: 'status' } }, h('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }), text);
}

export function errorNotice(title: string, message: string, retry?: () => void): HTMLElement {
  const notice = h('div', { className: 'notice notice--error', attrs: { role: 'alert' } }, h('h2', { className: 'notice__title' }, title), h('p', {}, message));
  if (retry) {
    const button = h('button', { className: 'button button--secondary', attrs: { type: 'button' } }, 'Try again');
    button.addEventListener('click', retry);
    notice.append(button);
  }
  return notice;
}
