import { useEffect } from 'react';
import { runHotkey } from '../../presenter/actions.ts';
import { demoActive } from '../../presenter/demo-script.ts';
import { hotkeyAction, isTypingTarget } from '../../presenter/hotkeys.ts';
import { presenterStore } from '../../presenter/presenter-state.ts';
import { appStore } from '../../state/store.ts';

/**
 * Listens for presenter hotkeys on the page (hotkeys.ts maps keys to actions). Keys typed into an
 * input, the terminal or the editor are left alone; Space on a checkbox toggles it as usual.
 */
export function useHotkeys(): void {
  useEffect(() => {
    let swallowUp = false;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || presenterStore.getState().hotkeysOpen) return;
      const target = e.target instanceof Element ? e.target : document.activeElement;
      const toggle = e.key === ' ' && target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio');
      const action = hotkeyAction(e, {
        presenter: appStore.getState().presenter,
        demoActive: demoActive(presenterStore.getState().demo),
        typing: toggle || isTypingTarget(target),
      });
      if (action === undefined) return;
      // Space and Enter would also press the focused button: the hotkey replaces that.
      e.preventDefault();
      swallowUp = e.key === ' ';
      void runHotkey(action);
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (swallowUp && e.key === ' ') e.preventDefault();
      swallowUp = false;
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}
