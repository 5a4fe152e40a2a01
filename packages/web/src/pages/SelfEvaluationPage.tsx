export default function SelfEvaluationPage() {
  return <div>自评</div>;
}
