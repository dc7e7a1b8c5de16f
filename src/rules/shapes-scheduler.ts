// Input shapes of the rules under rules/scheduler/, registered with defineShape (imported by the registry).
export {};
