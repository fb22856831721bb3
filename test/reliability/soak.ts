/** ECR_TUTOR_SOAK=1 turns the reliability suites into their long form (more runs, longer load). */
export const SOAK = process.env.ECR_TUTOR_SOAK === '1';
