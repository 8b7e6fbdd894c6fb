"""Run the rules: findings, pragmas, selection and changed lines."""
