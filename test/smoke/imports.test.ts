import { Engine } from 'bpmn-engine';
import { evaluate } from '@bpmn-io/feelin';
import { z } from 'zod';
import { SMTPServer } from 'smtp-server';
import { Camunda8 } from '@camunda8/sdk';
import { BpmnModdle } from 'bpmn-moddle';
import Holidays from 'date-holidays';

test('dependencies load under jest', () => {
  expect(typeof Engine).toBe('function');
  expect(evaluate('1 + 2', {})).toMatchObject({ value: 3 });
  expect(z.string().parse('a')).toBe('a');
  expect(typeof SMTPServer).toBe('function');
  expect(typeof Camunda8).toBe('function');
  expect(typeof BpmnModdle).toBe('function');
  expect(new Holidays('SE').isHoliday(new Date('2026-12-25T10:00:00Z'))).toBeTruthy();
});
