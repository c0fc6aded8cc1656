/** The variables a Camunda Form writes. */
import { formFieldKeys } from '../../../lib/timeline/formSchema';

test('forms: the variables a form writes are its input fields’ keys (text and html components write nothing)', () => {
  const keys = formFieldKeys({
    components: [
      { type: 'text', text: 'x' },
      { type: 'textfield', key: 'noticeTitle' },
      { type: 'group', path: 'notice', components: [{ type: 'textarea', key: 'body' }] },
      { type: 'checkbox', key: 'approved' },
      { type: 'html', content: '<p/>' },
    ],
  });
  expect(keys.sort()).toEqual(['approved', 'notice', 'noticeTitle']);
});
