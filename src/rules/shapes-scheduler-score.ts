// Input shapes of the score rules under rules/scheduler/score/, registered with defineShape.
export {};
