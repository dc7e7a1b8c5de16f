// Input shapes of the rules under rules/admission/, registered with defineShape (imported by the registry).
export {};
