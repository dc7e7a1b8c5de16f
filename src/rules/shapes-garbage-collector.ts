// Input shapes of the rules under rules/garbage-collector/.
import { defineShape } from './shapes.ts';

void defineShape;
